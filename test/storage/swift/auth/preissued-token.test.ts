import test from 'ava';
import {Unauthorized} from '../../../../source/storage/errors/index.js';
import {createPreissuedTokenAuth} from '../../../../source/storage/swift/auth/preissued-token.js';

const options = {token: 'gAAAAAB-secret-token', storageUrl: 'https://a3s.fi:443/swift/v1/AUTH_p'};

test('the given token is the session until Swift refuses it', async (t) => {
	const auth = createPreissuedTokenAuth(options);
	t.deepEqual(await auth.getSession(), options);
	auth.invalidate('some other token');
	t.deepEqual(await auth.getSession(), options);
});

test('a refused token asks to sign in again and never shows the token', async (t) => {
	const auth = createPreissuedTokenAuth(options);
	auth.invalidate(options.token);
	const error = await t.throwsAsync(auth.getSession(), {instanceOf: Unauthorized});
	t.regex(error.message, /cannot be renewed: sign in again/);
	t.false(error.message.includes(options.token));
	t.is(auth.description, 'token for https://a3s.fi');
});
