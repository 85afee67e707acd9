import { DerivedStatus, IsvcPhase } from '../../core/explorer/status';
import { DetailIcon } from './nodes';

const PHASE_ICONS: Record<IsvcPhase, DetailIcon> = {
  Ready: { id: 'pass-filled', color: 'testing.iconPassed' },
  NotReady: { id: 'warning', color: 'list.warningForeground' },
  FailedToLoad: { id: 'error', color: 'list.errorForeground' },
  InProgress: { id: 'loading~spin' },
  Unknown: { id: 'question', color: 'disabledForeground' },
  Stopped: { id: 'debug-stop', color: 'disabledForeground' },
};

export function statusIcon(status: DerivedStatus): DetailIcon {
  if (status.phase === 'Ready' && status.warning) return { id: 'warning', color: 'list.warningForeground' };
  return PHASE_ICONS[status.phase];
}
