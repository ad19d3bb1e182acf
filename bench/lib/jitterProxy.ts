import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy that holds every chunk, each way, for a random 0–`maxDelayMs` ms
 * before passing it on, in order (a chunk never overtakes the one before it): network jitter
 * for a screen, without leaving 127.0.0.1.
 */
export class JitterProxy {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(
    targetPort: number,
    maxDelayMs: number,
    random: () => number,
  ): Promise<JitterProxy> {
    let proxy: JitterProxy | null = null;
    const server = createServer((downstream) => {
      const upstream = connect(targetPort, '127.0.0.1');
      for (const socket of [downstream, upstream]) {
        proxy?.sockets.add(socket);
        socket.setNoDelay(true);
        socket.once('close', () => proxy?.sockets.delete(socket));
        socket.on('error', () => {
          downstream.destroy();
          upstream.destroy();
        });
      }
      relay(downstream, upstream, maxDelayMs, random);
      relay(upstream, downstream, maxDelayMs, random);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('proxy did not listen');
    proxy = new JitterProxy(server, address.port);
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

function relay(from: Socket, to: Socket, maxDelayMs: number, random: () => number): void {
  let lastDeliveryAt = 0;
  from.on('data', (chunk) => {
    const now = performance.now();
    const deliverAt = Math.max(lastDeliveryAt, now + random() * maxDelayMs);
    lastDeliveryAt = deliverAt;
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, deliverAt - now);
  });
  from.once('end', () => {
    setTimeout(() => to.end(), Math.max(0, lastDeliveryAt - performance.now()) + 1);
  });
}
