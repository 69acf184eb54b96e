import {StorageError, Timeout, Unavailable, type StorageErrorDetails} from '../errors/index.js';

/** Failures where the connection broke or never opened: worth another attempt. */
const droppedConnection = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'UND_ERR_SOCKET',
	'UND_ERR_CLOSED',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
]);

const unreachable = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_CLOSED',
]);

/** The error code of a Node or undici error, looking inside an AggregateError (dual-stack connect). */
export function errorCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const code = (error as {code?: unknown}).code;
	if (typeof code === 'string') return code;
	const inner = (error as {errors?: unknown}).errors;
	return Array.isArray(inner) ? errorCode(inner[0]) : undefined;
}

export function isDroppedConnection(error: unknown): boolean {
	const code = errorCode(error);
	return code !== undefined && droppedConnection.has(code);
}

function isTlsError(code: string): boolean {
	return (
		code.startsWith('ERR_TLS_') ||
		code.startsWith('ERR_SSL_') ||
		code.startsWith('CERT_') ||
		code.startsWith('UNABLE_TO_') ||
		code.includes('SELF_SIGNED') ||
		code === 'HOSTNAME_MISMATCH'
	);
}

/**
 * Our typed error for a request that got no HTTP answer. `host` is the server's origin; the
 * message carries only the error code and the server's name, never a header or a body.
 */
export function networkError(
	error: unknown,
	host: string,
	details: Omit<StorageErrorDetails, 'cause'> = {},
): StorageError {
	if (error instanceof StorageError) return error;
	const code = errorCode(error) ?? 'unknown';
	const withCause = {...details, cause: error};
	switch (code) {
		case 'UND_ERR_CONNECT_TIMEOUT':
			return new Timeout(`Could not connect to ${host} in time`, withCause);
		case 'UND_ERR_HEADERS_TIMEOUT':
			return new Timeout(`${host} did not answer in time`, withCause);
		case 'UND_ERR_BODY_TIMEOUT':
			return new Timeout(`The transfer from ${host} stalled`, withCause);
		case 'ENOTFOUND':
			return new Unavailable(`Cannot find the server ${host} (DNS lookup failed)`, withCause);
		default:
	}
	if (isTlsError(code)) {
		return new Unavailable(
			`TLS error talking to ${host} (${code}): its certificate is not trusted here`,
			withCause,
		);
	}
	if (unreachable.has(code)) {
		return new Unavailable(`Cannot reach ${host} (${code})`, withCause);
	}
	const reason = error instanceof Error ? error.message : String(error);
	return new StorageError(`Request to ${host} failed: ${reason}`, withCause);
}
