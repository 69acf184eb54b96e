import {text} from 'node:stream/consumers';
import test from 'ava';
import {ClaimLost} from '../../source/jobs/analyst/analyst-errors.js';
import {claimIdMetadata, claimJob, defaultSettleMs} from '../../source/jobs/analyst/claim-job.js';
import {systemClock} from '../../source/jobs/clock.js';
import {markerKey, parseMarkerBody} from '../../source/protocol/index.js';
import {mapLimit} from '../../source/util/map-limit.js';
import {seedJob} from '../jobs/analyst/seed.js';
import {swiftContainer, tempauthStore} from '../jobs/analyst/swift.js';

// Two analysts on two machines: two clients, each with its own sign-in and connections.
const first = tempauthStore('test:tester', 'testing');
const second = tempauthStore('test:tester2', 'testing2');
test.after.always(async () => {
	await first.store.close();
	await second.store.close();
});

const rounds = 20;

test(`two claims of one job started at once on Swift: exactly one wins, the other is told who (${rounds} rounds)`, async (t) => {
	t.timeout(180_000);
	const container = await swiftContainer(t, 'analyst-claim-race', first);
	const jobs = [];
	for (let round = 0; round < rounds; round++) {
		jobs.push(
			await seedJob(first.store, {seconds: 1_700_000_000 + round, biobanks: ['HUS']}, container),
		);
	}

	const stages: Record<string, number> = {};
	const outcomes = await mapLimit(jobs, 4, async (jobId) => {
		const claims = await Promise.allSettled([
			claimJob(first.store, container, systemClock, {jobId, biobank: 'HUS', analyst: 'lvirtanen'}),
			claimJob(second.store, container, systemClock, {jobId, biobank: 'HUS', analyst: 'kmakinen'}),
		]);
		const won = claims.flatMap((claim) => (claim.status === 'fulfilled' ? [claim.value] : []));
		const lost = claims.flatMap((claim) =>
			claim.status === 'rejected' ? [claim.reason as unknown] : [],
		);
		const stored = await first.store.get({container, key: markerKey(jobId, 'HUS', 'processing')});
		return {
			jobId,
			won,
			lost,
			body: parseMarkerBody(await text(stored.body)),
			claimId: stored.head.metadata[claimIdMetadata],
		};
	});

	for (const {jobId, won, lost, body, claimId} of outcomes) {
		t.is(won.length, 1, `${jobId}: exactly one claim wins`);
		t.is(lost.length, 1, `${jobId}: the other loses`);
		const winner = won[0];
		const loser = lost[0];
		t.true(loser instanceof ClaimLost, `${jobId}: ${String(loser)}`);
		if (!(loser instanceof ClaimLost) || !winner) continue;
		stages[loser.stage] = (stages[loser.stage] ?? 0) + 1;
		t.is(loser.by, winner.by, `${jobId}: the loser is told the winner`);
		t.is(
			loser.message,
			`Job ${jobId} at HUS is already claimed by ${winner.by} since ${winner.at}.`,
		);
		t.deepEqual(
			body,
			{by: winner.by, at: winner.at},
			`${jobId}: the stored marker is the winner's`,
		);
		t.truthy(claimId);
	}

	t.log(`settle ${defaultSettleMs} ms; where the losers lost:`, stages);
});
