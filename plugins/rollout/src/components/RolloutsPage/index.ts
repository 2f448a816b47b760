export { RolloutsPage } from './RolloutsPage';
export { RolloutsBoard } from './RolloutsBoard';
export { PendingSignOffsCard } from './PendingSignOffsCard';
