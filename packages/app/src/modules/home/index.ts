import {
  PageBlueprint,
  createFrontendModule,
  createRouteRef,
} from '@backstage/frontend-plugin-api';
import HomeIcon from '@material-ui/icons/Home';
import { createElement } from 'react';

/** The app's home page at `/`, which points each user at their start. */
const homePage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    routeRef: createRouteRef(),
    title: 'Home',
    icon: createElement(HomeIcon),
    loader: () => import('./HomePage').then(m => createElement(m.HomePage)),
  },
});

/** The home page, as a module of the app. */
export const homeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [homePage],
});
