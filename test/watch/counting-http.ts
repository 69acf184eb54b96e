import {createHttpClient, type HttpClient} from '../../source/storage/swift/index.js';

/** The store's requests by kind: a page of a container listing, or a request on one object. */
export type RequestCount = {listings: number; objectGets: number; other: number};

/** An HTTP client for a Swift store that counts every request the store makes (sign-in aside). */
export function countingHttp(): {http: HttpClient; count: RequestCount; reset(): void} {
	const inner = createHttpClient();
	const count: RequestCount = {listings: 0, objectGets: 0, other: 0};
	return {
		count,
		reset() {
			count.listings = 0;
			count.objectGets = 0;
			count.other = 0;
		},
		http: {
			async send(request) {
				// `/v1/<account>/<container>` is a listing; one more part names an object.
				const parts = request.path.split('?')[0]?.split('/').filter(Boolean) ?? [];
				if (request.method === 'GET' && parts.length === 3) count.listings++;
				else if (request.method === 'GET' && parts.length > 3) count.objectGets++;
				else count.other++;
				return inner.send(request);
			},
			close: async () => inner.close(),
		},
	};
}
