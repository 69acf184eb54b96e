import test from 'ava';
import {StorageError, Timeout, Unavailable} from '../../../source/storage/errors/index.js';
import {isDroppedConnection, networkError} from '../../../source/storage/swift/network-errors.js';

const coded = (code: string) => Object.assign(new Error(code), {code});

test('refused, reset and closed connections are worth another attempt', (t) => {
	for (const code of [
		'ECONNREFUSED',
		'ECONNRESET',
		'EPIPE',
		'UND_ERR_SOCKET',
		'UND_ERR_CONNECT_TIMEOUT',
	]) {
		t.true(isDroppedConnection(coded(code)), code);
	}
	t.true(isDroppedConnection(new AggregateError([coded('ECONNREFUSED')])));
	t.false(isDroppedConnection(coded('ENOTFOUND')));
	t.false(isDroppedConnection(coded('CERT_HAS_EXPIRED')));
	t.false(isDroppedConnection(new Error('no code')));
});

test('network failures become typed errors that name the server and the cause', (t) => {
	const host = 'https://a3s.fi';
	const refused = networkError(coded('ECONNREFUSED'), host, {container: 'c', key: 'k'});
	t.true(refused instanceof Unavailable);
	t.like(refused, {
		message: 'Cannot reach https://a3s.fi (ECONNREFUSED)',
		container: 'c',
		key: 'k',
	});
	t.true(networkError(coded('UND_ERR_HEADERS_TIMEOUT'), host) instanceof Timeout);
	t.true(networkError(coded('UND_ERR_BODY_TIMEOUT'), host) instanceof Timeout);
	t.regex(networkError(coded('ENOTFOUND'), host).message, /DNS/);
	const tls = networkError(coded('DEPTH_ZERO_SELF_SIGNED_CERT'), host);
	t.true(tls instanceof Unavailable);
	t.regex(tls.message, /^TLS error talking to https:\/\/a3s.fi/);
	const other = networkError(new Error('upload source failed'), host);
	t.is(other.constructor, StorageError);
	t.is(other.message, 'Request to https://a3s.fi failed: upload source failed');
});
