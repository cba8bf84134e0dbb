import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';

/** Is the public network reachable? A DNS lookup and a TCP connect, each bounded, so offline machines answer fast. */
export async function networkAvailable(host = 'raw.githubusercontent.com', timeoutMs = 3000): Promise<boolean> {
  if (process.env.IMCAT_OFFLINE === '1') return false;
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const attempt = (async () => {
    try {
      const { address } = await lookup(host);
      return await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: 443, timeout: timeoutMs }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
        socket.on('timeout', () => {
          socket.destroy();
          resolve(false);
        });
      });
    } catch {
      return false;
    }
  })();
  return Promise.race([attempt, timeout]);
}
