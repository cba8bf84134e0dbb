/** Every HTTP setting in one place. */
export const IMCAT_HOMEPAGE = 'https://github.com/imcat-catalog/imcat';
export const USER_AGENT = `imcat/0.1 (+${IMCAT_HOMEPAGE}; open catalog of medical-imaging datasets)`;

export const HTTP_DEFAULTS = {
  timeoutMs: 30_000,
  retries: 4,
  backoffMinMs: 500,
  backoffMaxMs: 30_000,
  retryAfterCapMs: 120_000,
  perHostConcurrency: 2,
  politenessDelayMs: 250,
  maxBodyBytes: 64 * 1024 * 1024,
  respectRobots: true,
};
