import {Box} from 'ink';
import {KeyLayer, KeysPaused} from '../hooks/use-keys.js';
import {ScreenVisibleContext} from '../hooks/use-screen-visible.js';
import type {Navigator, Screen} from '../navigation.js';
import {screenFor} from '../screens/registry.js';

export type ScreenStackProps = {stack: readonly Screen[]; navigate: Navigator; active: boolean};

/**
 * Every screen of the navigation stack stays mounted; only the top one shows and gets keys.
 * Going back therefore finds the screen below as it was left: its filter, its cursor on the
 * same job, its scroll position, and its data (refreshed if it has grown old meanwhile).
 */
export function ScreenStack({stack, navigate, active}: ScreenStackProps) {
	return (
		<>
			{stack.map((screen, index) => {
				const top = index === stack.length - 1;
				return (
					<Box
						key={`${index} ${JSON.stringify(screen)}`}
						display={top ? 'flex' : 'none'}
						flexDirection="column"
					>
						<ScreenVisibleContext.Provider value={top}>
							<KeysPaused paused={!top || !active}>
								<KeyLayer at={1}>
									{screenFor(screen).render({navigate, isActive: top && active})}
								</KeyLayer>
							</KeysPaused>
						</ScreenVisibleContext.Provider>
					</Box>
				);
			})}
		</>
	);
}
