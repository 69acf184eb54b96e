import test from 'ava';
import {BadRequest} from '../../../source/storage/errors/index.js';
import {
	encodeKey,
	infoPath,
	objectPath,
	queryString,
	storageLocation,
} from '../../../source/storage/swift/object-url.js';

test('each segment of a key is percent-encoded, the slashes stay', (t) => {
	t.is(encodeKey('jobs/a b/#1?.txt'), 'jobs/a%20b/%231%3F.txt');
	t.is(encodeKey('100%/grüße 🧬'), '100%25/gr%C3%BC%C3%9Fe%20%F0%9F%A7%AC');
	t.is(encodeKey('x/../y/./z'), 'x/../y/./z');
	t.is(
		objectPath({container: 'project_2004504-intervene-tasks', key: 'a+b'}),
		'/project_2004504-intervene-tasks/a%2Bb',
	);
});

test('a key that is not valid Unicode is a BadRequest', (t) => {
	t.throws(() => encodeKey('broken \uD800 name'), {instanceOf: BadRequest});
});

test('query values are percent-encoded; flags have no value', (t) => {
	t.is(
		queryString({format: 'json', prefix: 'a b+c', marker: undefined}),
		'?format=json&prefix=a%20b%2Bc',
	);
	t.is(queryString({'bulk-delete': true}), '?bulk-delete');
	t.is(queryString({}), '');
});

test('/info sits beside the API version of the storage URL', (t) => {
	const swift = storageLocation('http://127.0.0.1:8080/v1/AUTH_test/');
	t.deepEqual(swift, {origin: 'http://127.0.0.1:8080', accountPath: '/v1/AUTH_test'});
	t.is(infoPath(swift), '/info');
	t.is(infoPath(storageLocation('https://a3s.fi:443/swift/v1/AUTH_p')), '/swift/info');
});
