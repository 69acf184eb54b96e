import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {errorDocument} from '../../source/commands/json-shapes.js';
import {policyDocument} from '../../source/commands/review-json-shapes.js';
import {cliHome, keystoneEnvironment, parsedJson} from '../helpers/run-cli.js';
import {testServers} from '../helpers/servers.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';

const servers = testServers();
const requesterStore = keystoneStore('requester');
test.after.always(async () => requesterStore.store.close());

// `ivjm policy`, the built program as an analyst of HUS runs it, on Swift behind Keystone.

test('policy prints the rules in force; --file checks them, refuses a mistake (exit 2, nothing written), writes the next version', async (t) => {
	const bucket = await swiftContainer(t, 'policy-cmd', requesterStore);
	const {home, ivjm} = await cliHome(t, 'policy-analyst');
	const policy = async (...args: string[]) =>
		ivjm(['policy', '--biobank', 'HUS', ...args, '--store', 'swift', '--bucket', bucket], {
			env: keystoneEnvironment(servers.keystoneUrl, 'analyst'),
		});
	const before = parsedJson(t, await policy('--json'), policyDocument);
	t.like(before, {
		written: false,
		object: null,
		rules: {source: 'catalogue', threshold: 5, secondReviewer: false, reviewers: null},
	});
	t.true(before.rules.identifierColumns.includes('iid'));

	const wrong = join(home, 'wrong.json');
	await writeFile(wrong, JSON.stringify({threshold: 0, secondReviewr: true}));
	const refused = await policy('--file', wrong, '--json');
	t.is(refused.code, 2);
	t.regex(parsedJson(t, refused, errorDocument).error.message, /rules\.threshold/u);
	t.like(parsedJson(t, await policy('--json'), policyDocument), {rules: {source: 'catalogue'}});

	const rules = join(home, 'rules.json');
	await writeFile(
		rules,
		JSON.stringify({threshold: 10, secondReviewer: true, moreIdentifierColumns: ['hus_pseudo_id']}),
	);
	const written = parsedJson(t, await policy('--file', rules, '--json'), policyDocument);
	t.like(written, {
		written: true,
		object: 'HUS/policy/release-review.json',
		rules: {source: 'policy', version: 1, threshold: 10, secondReviewer: true},
	});
	t.true(written.rules.identifierColumns.includes('hus_pseudo_id'));
	t.true(written.rules.identifierColumns.includes('iid'), 'more… adds to the defaults');
	const again = await policy('--file', rules);
	t.is(again.code, 0, again.stderr);
	t.regex(again.stdout, /^Wrote HUS\/policy\/release-review\.json, version 2\.$/mu);
	t.regex(again.stdout, /^HUS: HUS policy v2 \(HUS\/policy\/release-review\.json\)$/mu);
	t.regex(again.stdout, /^ {2}counts below 10 are flagged;/mu);
	t.regex(again.stdout, /^ {2}a second analyst approves$/mu);

	// A policy object broken by hand stops the reviews there, and says so as an expected failure.
	await requesterStore.store.put(
		{container: bucket, key: 'HUS/policy/release-review.json'},
		'{"format": "ivjm-release-policy/1", "biobank": "HUS", "version": 3, "rules": {"threshold": "ten"}}',
	);
	const broken = await policy();
	t.is(broken.code, 1);
	t.regex(
		broken.stderr,
		/^ivjm: The release-review policy HUS\/policy\/release-review\.json is not valid: rules\.threshold/u,
	);
	t.false(broken.stderr.includes('--debug'), 'not reported as a defect');
});
