import { waitFor } from '@testing-library/react';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { renderRolloutView } from '../../__testUtils__/renderRolloutView';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';

describe('a link into the Rollout tab', () => {
  it("lands on the section its fragment names, as an announcement's link to the migration guide does", async () => {
    const scrolled: string[] = [];
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this.id);
    };
    const rollout = seedRollout(seedMarkdown);
    await renderRolloutView({
      api: new InMemoryRolloutApi([rollout]),
      rollout,
      routeEntries: ['/rollout?version=v0.3.0#rollout-migration-guide'],
    });
    await waitFor(() => expect(scrolled).toEqual(['rollout-migration-guide']));
    expect(document.activeElement?.id).toBe('rollout-migration-guide');
  });
});
