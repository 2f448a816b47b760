import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import rolloutPlugin, {
  rolloutTranslationsModule,
} from '@rollout/backstage-plugin-rollout/alpha';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';

export default createApp({
  features: [
    catalogPlugin,
    rolloutPlugin,
    rolloutTranslationsModule,
    homeModule,
    navModule,
  ],
});
