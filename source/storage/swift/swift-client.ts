import type {Authenticator} from './auth/session.js';
import {isReplayable, type HttpClient, type HttpRequest, type HttpResponse} from './http.js';
import {storageLocation, type StorageLocation} from './object-url.js';

/** A request to the account: `path` is relative to the storage URL and already encoded. */
export type SwiftCall = Omit<HttpRequest, 'origin'>;

export type SwiftClient = {
	send(call: SwiftCall): Promise<HttpResponse>;
	/** The account's location, signing in if needed. */
	location(signal?: AbortSignal): Promise<StorageLocation>;
};

/**
 * Sends calls with the session's token. A 401 means the token died: the call is sent once more
 * with a fresh one when its body can be sent again. A stream body cannot: the session is renewed
 * all the same and the 401 is handed back, so the caller's retry (a new stream) finds it ready.
 */
export function createSwiftClient(auth: Authenticator, http: HttpClient): SwiftClient {
	const locations = new Map<string, StorageLocation>();
	function locate(storageUrl: string): StorageLocation {
		let location = locations.get(storageUrl);
		if (!location) {
			location = storageLocation(storageUrl);
			locations.set(storageUrl, location);
		}
		return location;
	}

	async function sendWith(call: SwiftCall, token: string, storageUrl: string) {
		const {origin, accountPath} = locate(storageUrl);
		return http.send({
			...call,
			origin,
			path: accountPath + call.path,
			headers: {...call.headers, 'x-auth-token': token},
		});
	}

	return {
		async send(call) {
			const session = await auth.getSession({signal: call.signal});
			const response = await sendWith(call, session.token, session.storageUrl);
			if (response.status !== 401) return response;
			auth.invalidate(session.token);
			try {
				const renewed = await auth.getSession({signal: call.signal});
				if (!isReplayable(call.body)) return response;
				await response.body.dump();
				return await sendWith(call, renewed.token, renewed.storageUrl);
			} catch (error) {
				await response.body.dump().catch(() => undefined);
				throw error;
			}
		},
		async location(signal) {
			return locate((await auth.getSession({signal})).storageUrl);
		},
	};
}
