import {BadRequest} from '../errors/index.js';
import type {ObjectRef} from '../store.js';

function encode(text: string, ref: Partial<ObjectRef>): string {
	try {
		return encodeURIComponent(text);
	} catch {
		throw new BadRequest(`The name ${JSON.stringify(text)} is not valid Unicode`, ref);
	}
}

/** A key as Swift wants it in a URL: each `/`-separated segment percent-encoded. */
export function encodeKey(key: string, container?: string): string {
	return key
		.split('/')
		.map((segment) => encode(segment, {container, key}))
		.join('/');
}

export function containerPath(container: string): string {
	return `/${encode(container, {container})}`;
}

export function objectPath(ref: ObjectRef): string {
	return `${containerPath(ref.container)}/${encodeKey(ref.key, ref.container)}`;
}

/** `?a=1&b=2` for the defined values, each percent-encoded (Swift reads `+` as a space). */
export function queryString(query: Record<string, string | number | boolean | undefined>): string {
	const parts = Object.entries(query)
		.filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
		.map(([name, value]) =>
			value === true
				? encodeURIComponent(name)
				: `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`,
		);
	return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Where a storage URL points: its server, and the account path (`/v1/AUTH_…`) without a trailing `/`. */
export type StorageLocation = {origin: string; accountPath: string};

export function storageLocation(storageUrl: string): StorageLocation {
	const url = new URL(storageUrl);
	return {origin: url.origin, accountPath: url.pathname.replace(/\/+$/, '')};
}

/** Swift's `/info` sits beside the API version: `/swift/v1/AUTH_x` → `/swift/info`. */
export function infoPath(location: StorageLocation): string {
	const version = location.accountPath.search(/\/v1(\/|$)/);
	return `${version === -1 ? '' : location.accountPath.slice(0, version)}/info`;
}
