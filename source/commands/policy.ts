import {describeStamp} from '../protocol/review-rules.js';
import {shown} from '../text/display-text.js';
import {biobankFlag} from './analyst-flags.js';
import {defineCommand} from './kit/define-command.js';
import {policyFromFile} from './policy-file.js';
import {rulesJson} from './review-json.js';

/**
 * `ivjm policy --biobank B [--file F]`: the release-review rules in force at a biobank, and a
 * checked way for its analysts to change them (a policy that cannot be read stops every release
 * there, so it is never uploaded unchecked).
 */
export const policyCommand = defineCommand({
	name: 'policy',
	summary: "print a biobank's release-review rules; with --file, check and write its policy",
	details: [
		'Without --file: the rules a review at B applies now (the catalogue defaults, or the',
		'policy object B/policy/release-review.json over them). With --file: FILE holds the rules',
		'that change ({"threshold": 10, "secondReviewer": true}, see the readme) or a whole policy',
		'object; it is checked, then written as the next version in your name. A file with a',
		'mistake exits 2 and writes nothing.',
	],
	flags: {
		biobank: biobankFlag,
		file: {type: 'string', value: 'FILE', help: 'the rules to write as the biobank policy'},
	},
	async run({flags, session, out}) {
		const biobank = flags.biobank ?? '';
		const change = flags.file === undefined ? undefined : await policyFromFile(flags.file, biobank);
		const {analyst} = await session();
		const written = change ? await analyst.writePolicy({biobank, ...change}) : undefined;
		const loaded = await analyst.rules(biobank);
		const {rules} = loaded;
		if (flags.json) {
			return out.json('policy', {
				biobank,
				written: written !== undefined,
				object: loaded.stamp.key ?? null,
				rules: {
					...rulesJson(loaded),
					cohortRows: rules.cohortRows,
					reviewers: rules.reviewers,
					identifierColumns: rules.identifierColumns,
					countColumns: rules.countColumns,
					individualFormats: rules.individualFormats.map((format) => format.id),
				},
			});
		}
		out.lines(
			...(written ? [shown`Wrote ${written.key}, version ${written.policy.version}.`] : []),
			shown`${biobank}: ${describeStamp(loaded.stamp)}${loaded.stamp.key ? ` (${loaded.stamp.key})` : ''}`,
			shown`  counts below ${rules.threshold} are flagged; tables of ${rules.cohortRows} rows or more too`,
			shown`  ${rules.secondReviewer ? `a second analyst approves${rules.reviewers ? `: one of ${rules.reviewers.join(', ')}` : ''}` : 'one reviewer releases'}`,
			shown`  identifier columns: ${rules.identifierColumns.join(', ')}`,
			shown`  count columns: ${rules.countColumns.join(', ')}`,
			shown`  per-person formats: ${rules.individualFormats.map((format) => format.id).join(', ')}`,
		);
	},
});
