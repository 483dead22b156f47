// Typed arrays that grow as they are filled.

type GrowableArray = Int32Array | Uint16Array | Uint8Array;

/** A typed array of `length` holding `array`'s values first. */
export function grown<T extends GrowableArray>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
