export { RolloutsPage } from './RolloutsPage';
export { RolloutsBoard } from './RolloutsBoard';
