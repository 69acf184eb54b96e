import {appendFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {NotFound} from '../../source/storage/errors/index.js';
import type {ObjectStore} from '../../source/storage/store.js';
import {FileChanged} from '../../source/transfer/errors/index.js';
import type {UploadOptions} from '../../source/transfer/transfer.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import {swiftContainer, tempauthStore} from '../jobs/analyst/swift.js';
import {randomFile} from './fixtures.js';

// A file that a program is still writing (a pipeline's output, a copy in progress) grows while
// it is uploaded: on the real Swift, the upload must be refused, not stored cut short.
const signedIn = tempauthStore();
const scratch = await mkdtemp(join(tmpdir(), 'ivjm-file-changed-'));
test.after.always(async () => {
	await signedIn.store.close();
	await rm(scratch, {recursive: true, force: true});
});

const cases: Array<{name: string; options: UploadOptions}> = [
	{name: 'in one PUT', options: {}},
	{name: 'in segments', options: {segmentThreshold: 4 * 1024 ** 2, segmentSize: 4 * 1024 ** 2}},
];

for (const {name, options} of cases) {
	test(`a file that grows while it is uploaded ${name} is refused, naming it and saying to wait`, async (t) => {
		const container = await swiftContainer(t, `grows-${name}`, signedIn);
		const path = join(await mkdtemp(join(scratch, 'file-')), 'output.bin');
		await randomFile(path, 24 * 1024 ** 2);
		let appended = false;
		// 1 MiB appended the moment the first PUT starts sending, as a writer still at work
		// would. (Tied to progress events, it missed whenever the loopback PUT of 24 MiB was
		// done within one throttled event, and the upload was stored.)
		const store: ObjectStore = {
			...signedIn.store,
			async put(target, body, putOptions) {
				if (!appended) {
					appended = true;
					appendFileSync(path, Buffer.alloc(1024 ** 2, 1));
				}
				return signedIn.store.put(target, body, putOptions);
			},
		};
		const ref = {container, key: 'jobs/requester/1800000000-requester/input/output.bin'};
		const error = await t.throwsAsync(
			uploadFile(store, ref, path, {...options, journalFolder: join(scratch, 'journals')}),
			{instanceOf: FileChanged},
		);
		t.true(appended, 'the file grew during the upload');
		t.true(error.message.includes(path), error.message);
		t.regex(error.message, /still writing it.*Wait until that program has finished/su);
		await t.throwsAsync(signedIn.store.head(ref), {instanceOf: NotFound}, 'nothing stored');
	});
}
