import {execFile} from 'node:child_process';
import {mkdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {downloadObject} from '../../source/transfer/download-object.js';
import {DiskFull} from '../../source/transfer/errors/index.js';
import {filesUnder, randomFile, sandbox, sha256} from '../transfer/fixtures.js';

// A real full disk: a 1 MiB tmpfs (the tests run as root, as in CI), grown afterwards.
const run = promisify(execFile);

test('a full disk stops the download with a clear error, and once there is room it continues', async (t) => {
	const box = await sandbox();
	const disk = join(box.root, 'small-disk');
	await mkdir(disk);
	try {
		await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]);
	} catch (error) {
		await box.cleanup();
		throw new Error(`This test mounts a small tmpfs and needs root: ${(error as Error).message}`, {
			cause: error,
		});
	}
	t.teardown(async () => {
		await run('umount', [disk]).catch(() => undefined);
		await box.cleanup();
	});
	const content = await randomFile(join(box.root, 'big.bin'), 3_000_000);
	const ref = {container: box.container, key: 'big.bin'};
	await box.store.put(ref, content);

	const error = await t.throwsAsync(
		downloadObject(box.store, ref, disk, 'big.bin', {journalFolder: box.journalFolder}),
		{instanceOf: DiskFull},
	);
	t.regex(
		error.message,
		/^The disk is full: .*Free some space and download again: it continues from .*big\.bin\.part$/,
	);
	t.deepEqual(await filesUnder(disk), ['big.bin.part']);
	const kept = (await stat(join(disk, 'big.bin.part'))).size;
	t.true(kept > 500_000, `kept ${kept} bytes`);

	await run('mount', ['-o', 'remount,size=8m', disk]);
	const result = await downloadObject(box.store, ref, disk, 'big.bin', {
		journalFolder: box.journalFolder,
	});
	t.is(result.resumedBytes, kept);
	t.is(sha256(await readFile(result.path)), sha256(content));
});
