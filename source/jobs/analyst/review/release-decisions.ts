import {hasControlCharacter} from '../../../protocol/names.js';
import type {RulesStamp} from '../../../protocol/review-rules.js';
import {describeFinding} from '../../../review/describe-finding.js';
import type {Finding} from '../../../review/finding.js';
import type {FileScan} from '../../../review/scan-file.js';
import {InvalidDecisions, ReleaseRefused} from './review-errors.js';
import type {Review, ReviewedFile, ReviewedFinding} from './review-records.js';

/** What the analyst decided: the inputs of a release besides the files themselves. */
export type ReleaseDecisions = {
	/** Files (relative to the job folder) that stay on the host. */
	hold?: readonly string[];
	/** Why a file with blocking findings may leave anyway, by file. */
	justify?: Readonly<Record<string, string>>;
};

/** A file of the delivery: where it goes, and whether the job declared it. */
export type Outgoing = {relative: string; key: string; declared: boolean};

export const maxJustificationLength = 2000;

/** A finding as the bucket's records keep it: where and what, never a cell's value. */
export function recordedFinding(finding: Finding): ReviewedFinding {
	const recorded: ReviewedFinding = {rule: finding.rule, severity: finding.severity};
	if (finding.member !== undefined) recorded.member = finding.member;
	if (finding.column) recorded.column = finding.column.name;
	if (finding.line !== undefined) recorded.line = finding.line;
	if (finding.total !== undefined) recorded.total = finding.total;
	if (finding.format) recorded.format = finding.format.label;
	return recorded;
}

/**
 * The first review, from the scans and the analyst's decisions: each file released or held back,
 * with its SHA-256 and size. Refuses (`ReleaseRefused`) while a released file has a blocking
 * finding and no justification, and (`InvalidDecisions`) a hold or justification of no file of
 * the delivery, an empty or multi-line justification, or a delivery with every file held back.
 */
export function decideRelease(
	jobId: string,
	outgoing: readonly Outgoing[],
	scans: readonly FileScan[],
	decisions: ReleaseDecisions,
	meta: {reviewer: string; at: string; rules: RulesStamp},
): Review {
	const known = new Set(outgoing.map((file) => file.relative));
	const held = new Set(decisions.hold ?? []);
	const justify = new Map(
		Object.entries(decisions.justify ?? {}).map(([path, reason]) => [path, reason.trim()]),
	);
	const problems: string[] = [];
	for (const path of held) {
		if (!known.has(path))
			problems.push(`${JSON.stringify(path)} to hold back is not a file of this delivery`);
		if (justify.has(path)) problems.push(`${JSON.stringify(path)} is both held back and justified`);
	}
	for (const [path, reason] of justify) {
		if (!known.has(path))
			problems.push(`${JSON.stringify(path)} to justify is not a file of this delivery`);
		if (reason === '') problems.push(`the justification of ${JSON.stringify(path)} is empty`);
		if (hasControlCharacter(reason))
			problems.push(`the justification of ${JSON.stringify(path)} must be one line of text`);
		if (reason.length > maxJustificationLength) {
			problems.push(
				`the justification of ${JSON.stringify(path)} is longer than ${maxJustificationLength} characters`,
			);
		}
	}
	if (outgoing.length > 0 && outgoing.every((file) => held.has(file.relative))) {
		problems.push(
			'every file is held back, so nothing would be delivered: mark the job failed with a reason instead',
		);
	}
	if (problems.length > 0) throw new InvalidDecisions(jobId, problems);

	const files: ReviewedFile[] = [];
	const unjustified: ReleaseRefused['unjustified'] = [];
	for (const file of outgoing) {
		const scan = scans.find((candidate) => candidate.file === file.relative);
		if (!scan) throw new Error(`${file.relative} was not scanned`);
		const verdict = held.has(file.relative) ? 'hold' : 'release';
		const blocking = scan.findings.filter((finding) => finding.severity === 'blocking');
		const justification = justify.get(file.relative);
		if (verdict === 'release' && blocking.length > 0 && justification === undefined) {
			unjustified.push({path: file.relative, blocking: blocking.map(describeFinding)});
		}
		files.push({
			path: file.relative,
			key: file.key,
			declared: file.declared,
			bytes: scan.bytes,
			sha256: scan.sha256,
			verdict,
			...(justification === undefined ? {} : {justification}),
			findings: scan.findings.map(recordedFinding),
		});
	}
	if (unjustified.length > 0) throw new ReleaseRefused(jobId, unjustified);
	return {reviewer: meta.reviewer, at: meta.at, rules: meta.rules, files};
}
