// The organisation's settings page: name, municipality, default language, time zone and description.
import type { FieldErrors } from '../../../core/errors';
import { Fact, Facts, FormPage, Select, TextArea, TextField } from '../../../core/html/components';
import type { OrgRef, View } from '../../../core/html/view';
import type { Municipality } from '../organisations.municipalities';
import { DEFAULT_TIME_ZONE, timeZones } from '../../../core/time-zone';

export interface OrganisationFormValues {
  name?: string;
  municipalityCode?: string;
  defaultLocale?: string;
  timeZone?: string;
  description?: string;
  version?: number | string;
}

export function OrganisationSettingsPage(props: {
  v: View;
  org: OrgRef & { slug: string };
  values: OrganisationFormValues;
  municipalities: Municipality[];
  errors?: FieldErrors;
  conflict?: { label: string; current: string }[];
}) {
  const { v, org, values, errors } = props;
  const title = v.t('organisation.settings');
  return (
    <FormPage
      v={v}
      title={title}
      lead={v.t('organisation.settings_lead')}
      actions={<a href={`/o/${org.slug}/history/organisation/${org.id}`}>{v.t('history.link')}</a>}
      action={`/o/${org.slug}/settings`}
      cancel={`/o/${org.slug}`}
      version={values.version}
      errors={errors}
      conflict={props.conflict}
      notes={
        <Facts>
          <Fact label={v.t('organisation.slug')}>{org.slug}</Fact>
        </Facts>
      }
    >
      <TextField name="name" label={v.t('organisation.name')} value={values.name} error={errors?.name} required />
      <Select
        name="municipalityCode"
        label={v.t('organisation.municipality')}
        hint={v.t('organisation.municipality_hint')}
        value={values.municipalityCode}
        error={errors?.municipalityCode}
        empty={v.t('organisation.no_municipality')}
        options={props.municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
      />
      <Select
        name="defaultLocale"
        label={v.t('organisation.default_locale')}
        value={values.defaultLocale}
        error={errors?.defaultLocale}
        required
        options={[
          { value: 'sv', label: v.t('organisation.locale.sv') },
          { value: 'en', label: v.t('organisation.locale.en') },
        ]}
      />
      <Select
        name="timeZone"
        label={v.t('organisation.time_zone')}
        hint={v.t('organisation.time_zone_hint')}
        value={values.timeZone || DEFAULT_TIME_ZONE}
        error={errors?.timeZone}
        required
        options={zoneOptions(values.timeZone)}
      />
      <TextArea name="description" label={v.t('organisation.description')} value={values.description} error={errors?.description} />
    </FormPage>
  );
}

/** Every zone Intl knows, and the current one even when it is an alias Intl does not list (UTC). */
function zoneOptions(current: string | undefined) {
  const zones = timeZones();
  const all = current && !zones.includes(current) ? [current, ...zones] : zones;
  return all.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}
