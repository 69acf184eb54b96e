import {Unauthorized} from '../../errors/index.js';

export type EndpointInterface = 'public' | 'internal' | 'admin';

export type CatalogEndpoint = {
	interface?: string;
	region?: string | null;
	region_id?: string | null;
	url?: string;
};

export type CatalogService = {type?: string; name?: string; endpoints?: CatalogEndpoint[]};

export type EndpointChoice = {region?: string; interface?: EndpointInterface};

/**
 * The object-store URL of a Keystone v3 catalog, chosen by interface (default public) and,
 * when given, by region. A catalog without one is a setup problem the person must fix.
 */
export function objectStoreUrl(
	catalog: CatalogService[] | undefined,
	choice: EndpointChoice = {},
): string {
	const wanted = choice.interface ?? 'public';
	const endpoints = (catalog ?? [])
		.filter((service) => service.type === 'object-store')
		.flatMap((service) => service.endpoints ?? [])
		.filter((endpoint) => endpoint.interface === wanted && typeof endpoint.url === 'string');
	const regions = [
		...new Set(endpoints.map((endpoint) => endpoint.region_id ?? endpoint.region ?? '?')),
	];
	const match = endpoints.find(
		(endpoint) =>
			choice.region === undefined ||
			endpoint.region_id === choice.region ||
			endpoint.region === choice.region,
	);
	if (match?.url) return match.url;
	if (endpoints.length === 0) {
		throw new Unauthorized(
			`The project has no object storage (no ${wanted} object-store endpoint in its Keystone catalog)`,
		);
	}
	throw new Unauthorized(
		`The project has no ${wanted} object-store endpoint in region ${choice.region}; regions offered: ${regions.join(', ')}`,
	);
}
