// A DevTools protocol connection to one target of a Chromium started with --remote-debugging-port: the extension's
// service worker, which Playwright gives no protocol session for. The million-account bench reads its heap with it.
import { createServer } from 'node:net';
import WebSocket from 'ws';

interface TargetInfo {
  type: string;
  url: string;
  webSocketDebuggerUrl: string;
}

interface Reply {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

/** A port no one listens on now, for --remote-debugging-port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export class DevToolsTarget {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => {
      const reply = JSON.parse(String(data)) as Reply;
      const waiter = reply.id === undefined ? undefined : this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id!);
      if (reply.error) waiter.reject(new Error(reply.error.message));
      else waiter.resolve(reply.result);
    });
  }

  /** Connects to the first target `match` accepts, waiting up to `timeoutMs` for it to appear. */
  static async connect(
    port: number,
    match: (target: TargetInfo) => boolean,
    timeoutMs = 30_000,
  ): Promise<DevToolsTarget> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as TargetInfo[];
      const target = targets.find(match);
      if (target) {
        const socket = new WebSocket(target.webSocketDebuggerUrl, { maxPayload: 1 << 30 });
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        return new DevToolsTarget(socket);
      }
      if (Date.now() > deadline) throw new Error('No DevTools target matched');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    for (const { reject } of this.waiting.values()) reject(new Error('closed'));
    this.waiting.clear();
    this.socket.close();
  }
}
