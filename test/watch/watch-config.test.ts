import test from 'ava';
import {ConfigError} from '../../source/config/config-error.js';
import {parseConfigFile} from '../../source/config/config-file.js';
import {mergeWatchSettings} from '../../source/watch/watch-config.js';

const parse = (watch: unknown) =>
	parseConfigFile(JSON.stringify({watch}), '/home/u/.config/ivjm/config.json');

test('the "watch" key of config.json holds the channels; flags win key by key', (t) => {
	const file = parse({
		smtp: 'smtp.example.org:587',
		smtpUser: 'jdoe',
		mailFrom: 'ivjm@example.org',
		mailTo: ['a@example.org'],
		intervalSeconds: 300,
		notification: 'bell',
	});
	t.deepEqual(
		mergeWatchSettings({mailTo: [], intervalSeconds: 60, webhook: undefined}, file.watch),
		{...file.watch, intervalSeconds: 60},
	);
	t.deepEqual(mergeWatchSettings({mailTo: ['b@example.org']}, file.watch).mailTo, [
		'b@example.org',
	]);
});

test('a wrong or unknown watch key names itself and the fix; a webhook URL is never echoed', (t) => {
	const wrong = t.throws(
		() => parse({mailTo: 'a@example.org', webhok: 'x', webhook: 7, intervalSeconds: '60'}),
		{instanceOf: ConfigError},
	);
	t.regex(wrong.message, /key "watch\.mailTo" "mailTo" must be a list of addresses/u);
	t.regex(wrong.message, /key "watch\.webhok" is unknown: must be an object of smtp/u);
	t.regex(wrong.message, /key "watch\.intervalSeconds" .* \(found "60"\)/u);
	const secret = t.throws(() => parse({webhook: ''}), {instanceOf: ConfigError});
	t.regex(secret.message, /key "watch\.webhook" must not be empty/u);
	t.false(/found/u.test(secret.message));
});
