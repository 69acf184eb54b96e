import {biobankTaskKey, markerKey, requestKey, taskKey} from '../../source/protocol/keys.js';
import {requestNoteBody} from '../../source/protocol/request-note.js';
import type {ObjectStore} from '../../source/storage/store.js';
import {hostileField, megabyteLine} from './hostile-strings.js';

const text = {contentType: 'text/plain'};

/**
 * Writes, as a hostile project member's own tool would (not through our writers, which refuse
 * control characters), three jobs of `user` whose every free-text field carries escape sequences:
 * - `<t>-<user>`: a readable task (name a megabyte line, description, e-mail, requirements with
 *   OSC/CSI/C1/bidi/NUL/CR/LF), a failed marker with a hostile reason and analyst name at HUS, a
 *   processing claim by a hostile name at HUNT, and a result with a hostile file name;
 * - `<t+1>-<user>`: a task whose paths are hostile, so it is shown as invalid with its problems;
 * - `<t+2>-<user>`: a task.json that is not JSON and begins with escape sequences.
 * Returns the three job ids.
 */
export async function seedHostileJobs(
	store: ObjectStore,
	bucket: string,
	user: string,
	seconds: number,
): Promise<string[]> {
	const readable = `${seconds}-${user}`;
	const invalid = `${seconds + 1}-${user}`;
	const broken = `${seconds + 2}-${user}`;
	const put = async (key: string, body: string) => store.put({container: bucket, key}, body, text);

	const task = (id: string, biobank: string, paths: string) => ({
		ID: id,
		name: `${megabyteLine} ${hostileField}`,
		description: hostileField,
		'csc-user': user,
		requestor: `${hostileField}@example.org`,
		date: hostileField,
		biobanks: ['HUS', 'HUNT'],
		requirements: [hostileField, 'singularity'],
		resources: {cpuCores: 1, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false},
		storageserver: 'allas',
		inputs: [
			{
				name: hostileField,
				description: hostileField,
				bucket,
				object: `jobs/${user}/${id}/input/${paths}`,
				url: `${bucket}/jobs/${user}/${id}/input/${paths}`,
				path: paths,
				type: 'FILE',
			},
		],
		outputs: [
			{
				bucket,
				object: `jobs/${user}/${id}/${biobank}/results/${paths}`,
				url: `${bucket}/jobs/${user}/${id}/${biobank}/results/${paths}`,
				path: `./${paths}`,
			},
		],
		instructions: [{bucket, object: `jobs/${user}/${id}/input/${paths}`}],
	});

	for (const [id, paths] of [
		[readable, 'data.txt'],
		[invalid, `../${hostileField}`],
	] as const) {
		for (const biobank of ['HUS', 'HUNT']) {
			await put(biobankTaskKey(id, biobank), JSON.stringify(task(id, biobank, paths), null, 2));
			await put(markerKey(id, biobank, 'submitted'), '2026-11-20 10:00:00.000000');
			await put(requestKey(biobank, id), requestNoteBody(id, biobank));
		}

		await put(taskKey(id), JSON.stringify(task(id, 'HUNT', paths), null, 2));
	}

	await put(
		markerKey(readable, 'HUS', 'failed'),
		JSON.stringify({by: hostileField, at: hostileField, reason: `${hostileField} ${megabyteLine}`}),
	);
	await put(markerKey(readable, 'HUNT', 'processing'), `${hostileField}: ${hostileField}`);
	// Keys are written raw: our key builders refuse control characters.
	await put(
		`jobs/${user}/${readable}/HUS/results/out-${hostileField.replaceAll('\u0000', '')}.txt`,
		'x',
	);
	await put(markerKey(broken, 'HUS', 'submitted'), '2026-11-20 10:00:00.000000');
	await put(requestKey('HUS', broken), requestNoteBody(broken, 'HUS'));
	await put(taskKey(broken), `${hostileField}{ not json`);
	await put(biobankTaskKey(broken, 'HUS'), `${hostileField}{ not json`);
	return [readable, invalid, broken];
}
