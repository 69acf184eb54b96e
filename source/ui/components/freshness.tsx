import {Text} from '../../text/screen-text.js';
import {age} from '../time/age.js';
import {tone} from '../theme.js';

export type FreshnessProps = {updatedAt?: number; error?: Error; loading: boolean; now: number};

/** "updated 5s ago", or why the table is stale (its last good data stays on screen). */
export function Freshness({updatedAt, error, loading, now}: FreshnessProps) {
	if (error) {
		return (
			<Text color={tone('bad')} wrap="truncate-end">
				stale{updatedAt ? ` (${age(updatedAt, now)} old)` : ''}: {error.message} · r retries
			</Text>
		);
	}
	if (updatedAt === undefined) return <Text color={tone('muted')}>loading…</Text>;
	return (
		<Text color={tone('muted')}>
			{loading ? 'refreshing…' : `updated ${age(updatedAt, now)} ago`}
		</Text>
	);
}
