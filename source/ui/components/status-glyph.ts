import type {BiobankStatus, JobState} from '../../protocol/status.js';
import type {Tone} from '../theme.js';

/**
 * How a status looks: a glyph whose shape differs per status (so NO_COLOR loses nothing), a
 * word, and a tone. The help screen shows the legend from this same table.
 */
export type StatusLook = {glyph: string; word: string; tone: Tone};

export const statusLooks: Record<BiobankStatus, StatusLook> = {
	'not-submitted': {glyph: '?', word: 'missing', tone: 'warning'},
	waiting: {glyph: '○', word: 'waiting', tone: 'waiting'},
	processing: {glyph: '◐', word: 'processing', tone: 'busy'},
	ready: {glyph: '✔', word: 'ready', tone: 'good'},
	failed: {glyph: '✘', word: 'failed', tone: 'bad'},
	declined: {glyph: '⊘', word: 'declined', tone: 'bad'},
	cancelled: {glyph: '–', word: 'cancelled', tone: 'muted'},
	'not-targeted': {glyph: '·', word: 'not asked', tone: 'muted'},
};

export const jobStateLooks: Record<JobState, StatusLook> = {
	ready: {glyph: '✔', word: 'ready', tone: 'good'},
	processing: {glyph: '◐', word: 'processing', tone: 'busy'},
	waiting: {glyph: '○', word: 'waiting', tone: 'waiting'},
	failed: {glyph: '✘', word: 'failed', tone: 'bad'},
	cancelled: {glyph: '–', word: 'cancelled', tone: 'muted'},
	'not-submitted': {glyph: '?', word: 'incomplete', tone: 'warning'},
};
