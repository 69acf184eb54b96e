import {createHash} from 'node:crypto';
import {mkdirSync, utimesSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {demoProject} from '../../source/demo/open-demo-store.js';
import {defaultBucket} from '../../source/protocol/keys.js';
import {encodeSegment, objectPath} from '../../source/storage/local/encoded-names.js';
import {forgetIndex} from '../../source/storage/local/listing-index/index-files.js';
import {encodeTrailer} from '../../source/storage/local/object-file.js';
import {benchJob, underUser} from './job-shapes.js';

/** The bucket `--store local:DIR` opens. */
export const localBucket = defaultBucket(demoProject);

/**
 * Adds jobs `from` … `to - 1` of `user` to a local store in `root`, written straight into the
 * store's file format (body, JSON trailer, its length) rather than through `put`, whose temp
 * file and rename per object would make 50,000 jobs take minutes. Inbox notes are left out:
 * they live under `<biobank>/requests/`, which the researcher's overview never opens. Files
 * written behind the store's back make its listing index stale: it is removed, and the next
 * listing rebuilds it (what a store made by an ivjm without the index goes through once).
 */
export async function seedLocalJobs(
	root: string,
	user: string,
	from: number,
	to: number,
): Promise<{objects: number}> {
	const container = join(root, encodeSegment(localBucket));
	let objects = 0;
	for (let index = from; index < to; index++) {
		const files = benchJob(user, index).filter((object) => underUser(object.key, user));
		const folders = new Set(
			files.map((object) => dirname(join(container, ...objectPath(object.key)))),
		);
		for (const folder of folders) mkdirSync(folder, {recursive: true});
		for (const object of files) {
			const path = join(container, ...objectPath(object.key));
			const etag = createHash('md5').update(object.body).digest('hex');
			const trailer = encodeTrailer({
				contentType: object.contentType,
				etag,
				metadata: {},
				manifest: 'none',
			});
			writeFileSync(path, Buffer.concat([object.body, trailer]), {mode: 0o600});
			utimesSync(path, object.writtenAt, object.writtenAt);
		}
		objects += files.length;
	}
	await forgetIndex(container);
	return {objects};
}
