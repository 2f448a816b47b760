import { ConfigReader } from '@backstage/config';
import {
  readAnnouncementConfig,
  renderAnnouncement,
  unknownAnnouncementFields,
} from './announcement';

describe('renderAnnouncement', () => {
  it('fills in the fields, spaces aside', () => {
    expect(
      renderAnnouncement('{{version}} of {{ entityName }}: {{  item }}', {
        version: 'v2',
        entityName: 'reviewer',
        item: 'Tell the team.',
      }),
    ).toBe('v2 of reviewer: Tell the team.');
  });

  it('leaves out every line with a field that has no value', () => {
    expect(
      renderAnnouncement(
        [
          '{{ entityName }} {{ version }} is {{ status }}.',
          'It replaces {{ previousVersion }}.',
          '',
          '- Release notes: {{ releaseNotesUrl }}',
          '- The rollout: {{ rolloutUrl }}',
        ].join('\n'),
        {
          entityName: 'reviewer',
          version: 'v1',
          status: 'a draft',
          rolloutUrl: 'http://app/r',
        },
      ),
    ).toBe('reviewer v1 is a draft.\n\n- The rollout: http://app/r');
  });

  it('does not read fields out of the values it fills in', () => {
    expect(
      renderAnnouncement('{{ item }}', { item: 'Say {{ version }} twice' }),
    ).toBe('Say {{ version }} twice');
  });
});

describe('readAnnouncementConfig', () => {
  it('offers the default template and no audiences without config', () => {
    const config = readAnnouncementConfig(new ConfigReader({}));
    expect(config.audiences).toEqual([]);
    expect(unknownAnnouncementFields(config.template)).toEqual([]);
    expect(config.subject).toBe('Release {{ version }} of {{ entityName }}');
  });

  it('reads the template and the audiences', () => {
    expect(
      readAnnouncementConfig(
        new ConfigReader({
          rollout: {
            communication: {
              subject: '{{ title }}',
              template: '{{ item }}',
              audiences: {
                support: { entityRefs: ['group:default/support'] },
                leads: { title: 'Leads', entityRefs: ['user:default/pat'] },
              },
            },
          },
        }),
      ),
    ).toEqual({
      subject: '{{ title }}',
      template: '{{ item }}',
      audiences: [
        {
          name: 'support',
          title: 'support',
          entityRefs: ['group:default/support'],
        },
        { name: 'leads', title: 'Leads', entityRefs: ['user:default/pat'] },
      ],
    });
  });

  it('refuses, at startup, a template with a field no announcement has', () => {
    expect(() =>
      readAnnouncementConfig(
        new ConfigReader({
          rollout: { communication: { template: '{{ item }} {{ owner }}' } },
        }),
      ),
    ).toThrow(
      'rollout.communication.template uses {{ owner }}, which no announcement has; the fields are entityRef, entityName, title, version, previousVersion, status, item, rolloutUrl, migrationGuideUrl, releaseNotesUrl',
    );
  });
});
