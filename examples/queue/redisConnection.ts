import { type Socket, connect } from 'node:net';

/**
 * A minimal Redis connection (RESP2 over `node:net`) with the shape of Bun's built-in
 * `RedisClient` (`send`, `connected`, `onconnect`/`onclose`, `duplicate`), which BullMQ 6 adapts
 * on its own (`createBunRedisClient`).
 *
 * Why it exists: BullMQ 6 no longer bundles a Redis driver; it needs `ioredis` or `redis`
 * (node-redis) as an optional peer, and neither is installed in this repository. In an application,
 * install `ioredis` and pass `{ connection: { host, port } }` instead; nothing else in this example
 * changes.
 */
export class RedisConnection {
  readonly url: string;
  connected = false;
  onconnect: (() => void) | undefined;
  onclose: ((error?: Error) => void) | undefined;
  onerror: ((error: Error) => void) | undefined;
  #socket: Socket | undefined;
  #pending: { resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  #buffer: Buffer = Buffer.alloc(0);
  #connecting: Promise<void> | undefined;

  constructor(url: string) {
    this.url = url;
  }

  /** Opens the socket; resolves once connected. Safe to call again. */
  connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.#connecting ??= new Promise<void>((resolve, reject) => {
      const { hostname, port } = new URL(this.url);
      const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
      this.#socket = socket;
      socket.setNoDelay(true);
      let opened = false;
      socket.once('connect', () => {
        opened = true;
        this.connected = true;
        this.#connecting = undefined;
        this.onconnect?.();
        resolve();
      });
      socket.on('data', (chunk: Buffer) => this.#receive(chunk));
      socket.on('error', (error) => {
        if (!opened) {
          this.#connecting = undefined;
          reject(error);
        }
        this.onerror?.(error);
      });
      socket.once('close', (hadError) => {
        const wasConnected = this.connected;
        this.connected = false;
        this.#socket = undefined;
        const error = new Error('Connection closed');
        for (const waiter of this.#pending.splice(0)) waiter.reject(error);
        this.#buffer = Buffer.alloc(0);
        if (wasConnected) this.onclose?.(hadError ? error : undefined);
      });
    });
    return this.#connecting;
  }

  /** Sends one command; the reply comes back in order. Writes synchronously, so calls never interleave. */
  send(command: string, args: readonly (string | number | Buffer)[]): Promise<any> {
    const socket = this.#socket;
    if (!this.connected || !socket) return Promise.reject(new Error('Connection is closed.'));
    const parts: Buffer[] = [Buffer.from(`*${args.length + 1}\r\n$${Buffer.byteLength(command)}\r\n${command}\r\n`)];
    for (const arg of args) {
      const bytes = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg));
      parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF);
    }
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      socket.write(Buffer.concat(parts));
    });
  }

  /** Closes the socket; commands still waiting are rejected with "Connection closed". */
  close(): void {
    this.#socket?.destroy();
  }

  /** Same as `close()`; BullMQ recognises a client instance by `connect`, `disconnect` and `duplicate`. */
  disconnect(): void {
    this.close();
  }

  /** A new, not yet connected connection to the same server. */
  duplicate(): RedisConnection {
    return new RedisConnection(this.url);
  }

  #receive(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const parsed = parseReply(this.#buffer, 0);
      if (parsed === undefined) return;
      this.#buffer = this.#buffer.subarray(parsed.end);
      const waiter = this.#pending.shift();
      if (!waiter) continue;
      if (parsed.value instanceof Error) waiter.reject(parsed.value);
      else waiter.resolve(parsed.value);
    }
  }
}

// --- internal ---

const CRLF = Buffer.from('\r\n');

/** Parses one RESP2 reply at `start`; undefined when the buffer does not hold all of it yet. */
function parseReply(buffer: Buffer, start: number): { value: unknown; end: number } | undefined {
  const lineEnd = buffer.indexOf(CRLF, start);
  if (lineEnd === -1) return undefined;
  const type = String.fromCharCode(buffer[start] as number);
  const line = buffer.toString('utf8', start + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new Error(line), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length === -1) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count === -1) return { value: null, end: next };
      const items: unknown[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, at);
        if (item === undefined) return undefined;
        items.push(item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
    default:
      throw new Error(`Unexpected Redis reply type ${JSON.stringify(type)}`);
  }
}
