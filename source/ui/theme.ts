/**
 * Colours by meaning. Under NO_COLOR (https://no-color.org) every colour is dropped; status is
 * never told by colour alone, so nothing is lost.
 */
export type Tone = 'accent' | 'muted' | 'good' | 'busy' | 'waiting' | 'bad' | 'warning';

const palette: Record<Tone, string> = {
	accent: 'cyan',
	muted: 'gray',
	good: 'green',
	busy: 'yellow',
	waiting: 'blue',
	bad: 'red',
	warning: 'magenta',
};

export function colorsEnabled(environment: NodeJS.ProcessEnv = process.env): boolean {
	return environment['NO_COLOR'] === undefined || environment['NO_COLOR'] === '';
}

const enabled = colorsEnabled();

export function tone(name: Tone): string | undefined {
	return enabled ? palette[name] : undefined;
}
