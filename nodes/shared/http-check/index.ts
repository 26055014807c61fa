export { createFreshConnectionAgents } from './agents';
export { MAX_BODY_BYTES, type Agents } from './attempt';
export { hostOfUrl } from './batch';
export { checkService, type CheckDeps } from './checker';
export {
	DEFAULT_CHECK_OPTIONS,
	validateCheckOptions,
	type BasicAuth,
	type CheckOptions,
	type HttpMethod,
	type PreparedCheckOptions,
} from './options';
export { runChecks, type PoolOptions } from './pool';
export { parseStatusCodes, type StatusCodeMatcher } from './statusCodes';
export { buildTarget, type Target, type TargetOptions } from './target';
export type {
	CertificateInfo,
	CheckError,
	CheckErrorCode,
	CheckResult,
	CheckTimings,
	CheckWarning,
	RedirectHop,
} from './types';
