/** A setting ivjm cannot use: names the file (or variable), the key and the fix. */
export class ConfigError extends Error {
	readonly problems: readonly string[];

	constructor(where: string, problems: readonly string[]) {
		super(
			problems.length === 1
				? `${where}: ${problems[0]}`
				: `${where} has ${problems.length} problems:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
		);
		this.name = 'ConfigError';
		this.problems = problems;
	}
}
