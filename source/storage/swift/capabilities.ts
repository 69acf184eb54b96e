import {header, type HttpClient} from './http.js';
import {infoPath, type StorageLocation} from './object-url.js';

/** What this cluster offers, from its public `/info`. */
export type SwiftCapabilities = {
	bulkDelete?: {maxDeletesPerRequest: number};
	slo?: {maxManifestSegments?: number; minSegmentSize?: number};
	containerListingLimit?: number;
};

type InfoBody = {
	swift?: {container_listing_limit?: number};
	bulk_delete?: {max_deletes_per_request?: number};
	slo?: {max_manifest_segments?: number; min_segment_size?: number};
};

/** Reads `/info`; a cluster without it (404, or not JSON) offers nothing optional. */
export async function fetchCapabilities(
	http: HttpClient,
	location: StorageLocation,
	signal?: AbortSignal,
): Promise<SwiftCapabilities> {
	const response = await http.send({
		method: 'GET',
		origin: location.origin,
		path: infoPath(location),
		headers: {accept: 'application/json'},
		signal,
		idempotent: true,
	});
	const isJson = header(response.headers, 'content-type')?.includes('json');
	if (response.status !== 200 || !isJson) {
		await response.body.dump();
		return {};
	}
	const info = (await response.body.json().catch(() => ({}))) as InfoBody;
	const capabilities: SwiftCapabilities = {};
	if (info.bulk_delete) {
		capabilities.bulkDelete = {
			maxDeletesPerRequest: info.bulk_delete.max_deletes_per_request ?? 1000,
		};
	}
	if (info.slo) {
		capabilities.slo = {
			maxManifestSegments: info.slo.max_manifest_segments,
			minSegmentSize: info.slo.min_segment_size,
		};
	}
	if (info.swift?.container_listing_limit) {
		capabilities.containerListingLimit = info.swift.container_listing_limit;
	}
	return capabilities;
}
