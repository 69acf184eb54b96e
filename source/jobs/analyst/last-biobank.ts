import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {checkBiobank} from '../../protocol/names.js';
import {writePrivateFile} from '../../util/write-private-file.js';

const fileName = 'analyst.json';

/** The biobank the analyst chose last time, from the state folder; undefined if none or unreadable. */
export async function readLastBiobank(stateFolder: string): Promise<string | undefined> {
	try {
		const json = JSON.parse(await readFile(join(stateFolder, fileName), 'utf8')) as unknown;
		const biobank = (json as {biobank?: unknown} | null)?.biobank;
		return typeof biobank === 'string' && checkBiobank(biobank).ok ? biobank : undefined;
	} catch {
		return undefined;
	}
}

/** Remembers the chosen biobank; written to a temporary file and renamed, so it is never half there. */
export async function saveLastBiobank(stateFolder: string, biobank: string): Promise<void> {
	await writePrivateFile(join(stateFolder, fileName), JSON.stringify({biobank}) + '\n');
}
