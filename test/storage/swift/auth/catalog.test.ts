import test from 'ava';
import {Unauthorized} from '../../../../source/storage/errors/index.js';
import {
	objectStoreUrl,
	type CatalogService,
} from '../../../../source/storage/swift/auth/catalog.js';

const catalog: CatalogService[] = [
	{
		type: 'identity',
		endpoints: [{interface: 'public', region_id: 'regionOne', url: 'https://id.example/v3'}],
	},
	{
		type: 'object-store',
		name: 'swift',
		endpoints: [
			{interface: 'admin', region_id: 'regionOne', url: 'https://a1.example/v1'},
			{interface: 'public', region_id: 'regionOne', url: 'https://one.example/v1/AUTH_p'},
			{interface: 'internal', region_id: 'regionOne', url: 'https://one.internal/v1/AUTH_p'},
			{interface: 'public', region: 'regionTwo', url: 'https://two.example/v1/AUTH_p'},
		],
	},
];

test('the public object-store endpoint is chosen by default', (t) => {
	t.is(objectStoreUrl(catalog), 'https://one.example/v1/AUTH_p');
});

test('a region and an interface pick their endpoint', (t) => {
	t.is(objectStoreUrl(catalog, {region: 'regionTwo'}), 'https://two.example/v1/AUTH_p');
	t.is(objectStoreUrl(catalog, {interface: 'internal'}), 'https://one.internal/v1/AUTH_p');
});

test('a catalog without object storage says so', (t) => {
	const error = t.throws(() => objectStoreUrl(catalog.slice(0, 1)), {instanceOf: Unauthorized});
	t.regex(error.message, /no public object-store endpoint/);
	t.throws(() => objectStoreUrl(undefined), {instanceOf: Unauthorized});
});

test('an unknown region names the regions on offer', (t) => {
	const error = t.throws(() => objectStoreUrl(catalog, {region: 'regionThree'}), {
		instanceOf: Unauthorized,
	});
	t.regex(error.message, /region regionThree; regions offered: regionOne, regionTwo/);
});
