import {createHash} from 'node:crypto';
import {
	chmodSync,
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';

/** What the single executable carries besides its launcher: the program's files, by path. */
export type ProgramManifest = {
	/** Names the build: the folder the files are written into is named after it. */
	build: string;
	files: Array<{path: string; mode: number; sha256: string}>;
};

/** The name of the manifest among the executable's assets. */
export const manifestAsset = 'ivjm-manifest.json';

/**
 * Writes the program's files once per build into `<root>/program-<build>/` and returns that
 * folder. The folder appears whole or not at all (written beside it, then renamed), so a second
 * ivjm starting at the same moment, or one killed halfway, never runs half a program. Folders
 * are 0700 and files keep the modes the release gave them: another user cannot swap a file in.
 */
export function extractProgram(
	root: string,
	manifest: ProgramManifest,
	readAsset: (path: string) => ArrayBuffer,
): string {
	const folder = join(root, `program-${safeBuildName(manifest.build)}`);
	if (existsSync(join(folder, '.complete'))) return folder;
	mkdirSync(root, {recursive: true, mode: 0o700});
	requirePrivate(root);
	const staging = mkdtempSync(join(root, '.extracting-'));
	try {
		for (const file of manifest.files) writeProgramFile(staging, file, readAsset(file.path));
		writeFileSync(join(staging, '.complete'), manifest.build + '\n', {mode: 0o600});
		chmodSync(staging, 0o700);
		try {
			renameSync(staging, folder);
		} catch {
			// Another ivjm of the same build finished first: its folder is as good as ours. A
			// folder without its mark was not written by this code (which renames only whole
			// folders): it is replaced.
			if (!existsSync(join(folder, '.complete'))) {
				rmSync(folder, {recursive: true, force: true});
				renameSync(staging, folder);
			}
		}
	} finally {
		rmSync(staging, {recursive: true, force: true});
	}
	return folder;
}

function writeProgramFile(
	staging: string,
	file: ProgramManifest['files'][number],
	bytes: ArrayBuffer,
): void {
	const target = resolve(staging, file.path);
	const inside = relative(staging, target);
	if (inside === '' || inside.startsWith('..') || resolve(staging, inside) !== target)
		throw new Error(`the executable names a file outside its folder: ${file.path}`);
	const data = Buffer.from(bytes);
	const digest = createHash('sha256').update(data).digest('hex');
	if (digest !== file.sha256)
		throw new Error(`the executable is damaged: ${file.path} does not match its checksum`);
	mkdirSync(dirname(target), {recursive: true, mode: 0o700});
	writeFileSync(target, data, {mode: file.mode & 0o700});
}

/** The cache folder must be the user's own and closed to others, or nothing is run from it. */
function requirePrivate(folder: string): void {
	const stat = lstatSync(folder);
	const uid = process.getuid?.();
	if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid))
		throw new Error(
			`${folder} is not a folder of this user's own: refusing to run a program from it`,
		);
	if ((stat.mode & 0o022) !== 0) chmodSync(folder, 0o700);
}

function safeBuildName(build: string): string {
	return build.replaceAll(/[^\w.-]/gu, '_');
}
