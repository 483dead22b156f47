// Typed arrays that grow as they are filled, and let their memory go as soon as they are replaced. An array buffer's
// memory is returned when the collector finds it unreachable, and a worker that builds a million accounts' trie
// allocates faster than it collects: its replaced arrays (hundreds of megabytes) stayed until the next full
// collection. Where the platform can hand a buffer's memory over (`ArrayBuffer.prototype.transfer`: Chrome 114,
// Firefox 122), the old array is left empty at once; elsewhere (Node 20) the values are copied as before.

type GrowableArray = Int32Array | Uint16Array | Uint8Array;

/** The array's buffer, where it may be handed over: the array is the whole of it, and the platform can. */
function ownBuffer(array: GrowableArray): ArrayBuffer | undefined {
  const buffer = array.buffer;
  return buffer instanceof ArrayBuffer &&
    typeof (buffer as Partial<ArrayBuffer>).transfer === 'function' &&
    array.byteOffset === 0 &&
    array.byteLength === buffer.byteLength
    ? buffer
    : undefined;
}

function made<T extends GrowableArray>(array: T, source: number | ArrayBuffer): T {
  return new (array.constructor as new (source: number | ArrayBuffer) => T)(source);
}

/** A typed array of `length` holding `array`'s values first (zeros after); `array` may be left empty. */
export function grown<T extends GrowableArray>(array: T, length: number): T {
  const buffer = ownBuffer(array);
  if (buffer) return made(array, buffer.transfer(length * array.BYTES_PER_ELEMENT));
  const bigger = made(array, length);
  bigger.set(array);
  return bigger;
}

/** The first `length` values of `array` as an array of their own; `array` may be left empty. */
export function shrunk<T extends GrowableArray>(array: T, length: number): T {
  const buffer = ownBuffer(array);
  if (buffer) return made(array, buffer.transfer(length * array.BYTES_PER_ELEMENT));
  return array.slice(0, length) as T;
}

/** Lets an array no one will read again go now, where the platform can (it is left empty). */
export function release(array: GrowableArray): void {
  ownBuffer(array)?.transfer(0);
}

/** The index of the first value at or above `wanted` in an ascending array. */
export function lowerBound(values: Int32Array, wanted: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < wanted) low = middle + 1;
    else high = middle;
  }
  return low;
}
