export * from './client';
export * from './robots';
export { HTTP_DEFAULTS, USER_AGENT, IMCAT_HOMEPAGE } from './settings';
