import {biobankTaskKey, parseKey, requestsPrefix} from '../protocol/keys.js';
import {readTask} from '../protocol/task.js';
import type {ObjectStore} from '../storage/store.js';
import type {Observation, WatchSource} from './observation.js';
import {readSmallText} from './read-small-text.js';

const maxTaskBytes = 1024 * 1024;

/**
 * A biobank's inbox: one listing of `<biobank>/requests/` per poll. A note that was not there
 * before is a new request; for it alone the biobank's task.json is read (name, requester).
 */
export function analystSource(store: ObjectStore, bucket: string, biobank: string): WatchSource {
	return {
		name: `the requests to ${biobank}`,
		async observe(signal) {
			const observations: Observation[] = [];
			for await (const entry of store.list(bucket, {prefix: requestsPrefix(biobank), signal})) {
				if (entry.kind !== 'object') continue;
				const key = parseKey(entry.key);
				if (key.kind !== 'request' || key.biobank !== biobank) continue;
				const {jobId, user} = key;
				observations.push({
					subject: `request/${jobId}`,
					state: 'requested',
					since: entry.lastModified,
					jobId,
					user,
					biobank,
					event: 'request',
					async describe(readSignal) {
						const text = await readSmallText(
							store,
							bucket,
							biobankTaskKey(jobId, biobank),
							maxTaskBytes,
							readSignal,
						);
						const read = text === undefined ? undefined : readTask(text, {jobId});
						return read?.ok ? {name: read.task.name, requestor: read.task.requestor} : {};
					},
				});
			}

			return observations;
		},
	};
}
