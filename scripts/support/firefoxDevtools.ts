// A small client for Firefox's remote debugging protocol (the one its DevTools speak), for what WebDriver BiDi
// refuses: opening and scripting the extension's own moz-extension:// pages. Packets are `length:JSON`; each actor
// answers its requests in order, and packets that carry a `type` are events.
import net from 'node:net';

/** A packet as the protocol sends it; the fields read here, the rest left unknown. */
interface Packet {
  from: string;
  type?: string;
  error?: string;
  message?: string;
  applicationType?: string;
  resultID?: string;
  result?: unknown;
  exceptionMessage?: unknown;
  actor?: string;
  substring?: string;
  target?: { url: string; consoleActor: string };
  [field: string]: unknown;
}

/** A long string the server sends in parts. */
interface LongStringGrip {
  type: 'longString';
  actor: string;
  length: number;
}

export class FirefoxDevtools {
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<
    string,
    Array<{ resolve: (packet: Packet) => void; reject: (error: Error) => void }>
  >();
  private readonly listeners = new Set<(packet: Packet) => void>();
  private greeted!: Promise<Packet>;

  private constructor(private readonly socket: net.Socket) {
    this.greeted = new Promise((resolve) => this.enqueue('root', resolve, () => undefined));
    socket.on('data', (chunk) => this.receive(chunk));
  }

  /** Connects to a Firefox started with `--start-debugger-server PORT`, retrying while it starts. */
  static async connect(port: number, timeoutMs = 20_000): Promise<FirefoxDevtools> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<net.Socket>((resolve, reject) => {
          const attempt = net.connect(port, '127.0.0.1', () => resolve(attempt));
          attempt.once('error', reject);
        });
        const client = new FirefoxDevtools(socket);
        await client.greeted;
        return client;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`Firefox's debugger server on port ${port} did not answer: ${error}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private enqueue(actor: string, resolve: (packet: Packet) => void, reject: (error: Error) => void): void {
    const queue = this.pending.get(actor) ?? [];
    queue.push({ resolve, reject });
    this.pending.set(actor, queue);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as Packet;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(packet);
    }
  }

  private dispatch(packet: Packet): void {
    const queue = this.pending.get(packet.from);
    if (packet.type !== undefined && !(packet.from === 'root' && packet.applicationType)) {
      for (const listener of this.listeners) listener(packet);
      return;
    }
    const waiter = queue?.shift();
    if (!waiter) return;
    if (packet.error) waiter.reject(new Error(`${packet.from}: ${packet.error}: ${packet.message ?? ''}`));
    else waiter.resolve(packet);
  }

  request(to: string, type: string, extra: Record<string, unknown> = {}): Promise<Packet> {
    return new Promise((resolve, reject) => {
      this.enqueue(to, resolve, reject);
      const body = Buffer.from(JSON.stringify({ to, type, ...extra }), 'utf8');
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  /** Evaluates an expression (awaited if it is a promise) in a console actor's global; returns its JSON value. */
  async evaluate<T>(consoleActor: string, expression: string): Promise<T> {
    const text = `(async () => JSON.stringify(await (${expression})))()`;
    let listener: ((packet: Packet) => void) | undefined;
    const result = new Promise<Packet>((resolve) => {
      listener = (packet) => {
        if (packet.from === consoleActor && packet.type === 'evaluationResult') resolve(packet);
      };
      this.listeners.add(listener);
    });
    const { resultID } = await this.request(consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } });
    let packet: Packet;
    do packet = await result;
    while (packet.resultID !== resultID);
    this.listeners.delete(listener!);
    if (packet.exceptionMessage) throw new Error(String(packet.exceptionMessage));
    let value = packet.result;
    const grip = value as { type?: string } | null | undefined;
    if (grip?.type === 'longString') {
      const { actor, length } = value as LongStringGrip;
      value = (await this.request(actor, 'substring', { start: 0, end: length })).substring;
    }
    if (grip?.type === 'undefined') return undefined as T;
    if (typeof value !== 'string')
      throw new Error(`unexpected evaluation result ${JSON.stringify(packet).slice(0, 500)}`);
    return JSON.parse(value) as T;
  }

  /**
   * Watches the documents of a descriptor (for an add-on: its background page and every page of it that opens
   * later, in tabs too) and waits for one whose URL passes `wanted`; returns its console actor. Descriptors no longer
   * hand out targets directly: their watcher announces them.
   */
  async watchFrames(
    descriptor: string,
    targetTypes: string[] = ['frame'],
  ): Promise<(wanted: (url: string) => boolean, timeoutMs?: number) => Promise<string>> {
    const watcher = (await this.request(descriptor, 'getWatcher')).actor as string;
    const found: Array<{ url: string; consoleActor: string }> = [];
    this.listeners.add((packet) => {
      if (packet.from === watcher && packet.type === 'target-available-form') {
        if (packet.target) found.push({ url: packet.target.url, consoleActor: packet.target.consoleActor });
      }
    });
    for (const targetType of targetTypes) await this.request(watcher, 'watchTargets', { targetType });
    return async (wanted, timeoutMs = 10_000) => {
      for (let waited = 0; waited <= timeoutMs; waited += 100) {
        const target = found.findLast((frame) => wanted(frame.url));
        if (target) return target.consoleActor;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no document of ${descriptor} opened that matches; seen: ${found.map((f) => f.url).join(', ')}`);
    };
  }

  close(): void {
    this.socket.destroy();
  }
}
