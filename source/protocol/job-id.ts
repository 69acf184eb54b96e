import {checkUser, InvalidName} from './names.js';

/** A job id as the Python tools make it: `<unix-seconds>-<csc-user>`, e.g. `1664963696-jdoe`. */
export type JobId = string;

export type ParsedJobId = {jobId: JobId; seconds: number; user: string};

// No leading zeros: Python's str(int(time.time())) never writes them, and one spelling per id keeps keys unique.
const jobIdPattern = /^(0|[1-9]\d{0,15})-(.+)$/s;

/** Builds the id of a job submitted at `seconds` (the caller's clock) by `user`. */
export function buildJobId(seconds: number, user: string): JobId {
	if (!Number.isSafeInteger(seconds) || seconds < 0) {
		throw new RangeError(`A job id needs whole, non-negative Unix seconds, not ${seconds}.`);
	}

	const check = checkUser(user);
	if (!check.ok) {
		throw new InvalidName(check.reason);
	}

	return `${seconds}-${user}`;
}

/** The parts of a job id, or undefined when `text` is not one. Never throws. */
export function parseJobId(text: string): ParsedJobId | undefined {
	const match = jobIdPattern.exec(text);
	if (!match) {
		return undefined;
	}

	const seconds = Number(match[1]);
	const user = match[2] ?? '';
	if (!Number.isSafeInteger(seconds) || !checkUser(user).ok) {
		return undefined;
	}

	return {jobId: text, seconds, user};
}

/** Why `text` is not a job id, or undefined when it is one. */
export function checkJobId(text: string): string | undefined {
	if (parseJobId(text)) {
		return undefined;
	}

	const user = /^\d+-(.*)$/s.exec(text)?.[1];
	if (user !== undefined) {
		const check = checkUser(user);
		if (!check.ok) {
			return `The job id ${JSON.stringify(text)} is not valid: ${check.reason}`;
		}
	}

	return `The job id ${JSON.stringify(text)} is not of the form <unix-seconds>-<user>, e.g. 1664963696-jdoe.`;
}

/** The Unix seconds of a valid job id: when it was submitted. */
export function jobSeconds(jobId: JobId): number {
	return Number(jobId.slice(0, jobId.indexOf('-')));
}
