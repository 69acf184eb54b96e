import {checkBiobank} from '../../../protocol/names.js';
import type {Screen} from '../../navigation.js';

/**
 * The screens the TUI opens on for `--biobank B`: the analyst's inbox of B, with the biobank and
 * role pickers under it, so esc still leads to another biobank or role. Without the flag: none.
 */
export function analystStart(biobank: unknown): Screen[] | undefined {
	if (biobank === undefined || biobank === '') return undefined;
	const check = checkBiobank(biobank);
	if (!check.ok) throw new Error(`--biobank: ${check.reason}`);
	return [{name: 'role'}, {name: 'analyst-biobank'}, {name: 'analyst', biobank: check.name}];
}
