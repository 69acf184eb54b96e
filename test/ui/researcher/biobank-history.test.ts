import test from 'ava';
import type {MarkerDetail} from '../../../source/jobs/researcher/load-job-detail.js';
import {biobankHistory} from '../../../source/ui/screens/researcher/biobank-history.js';
import {localTime} from '../../../source/ui/time/local-time.js';

const marker = (name: string, by: string, at: string, reason?: string): MarkerDetail => ({
	biobank: 'HUS',
	name,
	body: {by, at, ...(reason ? {reason} : {})},
});

const failedAt = '2026-11-20T08:00:00.000+00:00';
const claimedAt = '2026-11-21T09:30:00.000+00:00';

test('a job claimed again after a failure is processing, with the failure as history', (t) => {
	const history = biobankHistory(
		[
			marker('failed', 'lvirtanen', failedAt, 'out of memory at 2 GB'),
			marker('processing', 'kmakinen', claimedAt),
		],
		'processing',
	);
	t.is(
		String(history.summary),
		`processing since ${localTime(Date.parse(claimedAt))} by kmakinen (failed earlier: out of memory at 2 GB)`,
	);
	t.is(history.reason, undefined, 'the old reason is not shown as the reason now');
});

test('a failed job says when and by whom, in local time, and its reason', (t) => {
	const history = biobankHistory(
		[marker('failed', 'lvirtanen', failedAt, 'out of memory\u001B]0;x\u0007')],
		'failed',
	);
	t.is(String(history.summary), `failed at ${localTime(Date.parse(failedAt))} by lvirtanen`);
	t.is(String(history.reason), 'out of memory␛]0;x␇');
});

test('a time that is not a time is shown as text, made safe', (t) => {
	const history = biobankHistory([marker('ready', 'a', 'yesterday\u001B[2J')], 'ready');
	t.is(String(history.summary), 'delivered at yesterday␛[2J by a');
});
