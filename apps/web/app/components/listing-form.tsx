import { Form } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import { MODELS } from '../lib/catalog';
import type { FieldErrors } from '../lib/form-errors';
import type { ListingValues } from '../lib/prompt-form';
import { CsrfInput } from './csrf-input';
import { SelectField, TextAreaField, TextField } from './form-fields';

/**
 * The listing of a prompt: title, description, category, target model, tags and price.
 * Creates a draft on /sell/prompts/new; saves the listing in the editor (intent
 * `update-listing`). A plain form: it works without JavaScript.
 */
export function ListingForm({
  values,
  errors,
  categories,
  intent,
  submitLabel,
  busy,
}: {
  values: ListingValues;
  errors: FieldErrors;
  categories: { slug: string; name: string }[];
  intent?: string;
  submitLabel: string;
  busy: boolean;
}) {
  const [pricing, setPricing] = useState(values.pricing);
  // Without JavaScript the price field stays usable whatever is chosen (a free prompt's
  // price is ignored); with it, the field is off while Free is chosen.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const id = useId();
  return (
    <Form method="post" className="form" noValidate data-testid="listing-form">
      <CsrfInput />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <TextField
        label="Title"
        name="title"
        required
        minLength={3}
        maxLength={120}
        defaultValue={values.title}
        error={errors.title}
        hint="What the prompt does, in a few words (3–120 characters)."
      />
      <TextAreaField
        label="Description"
        name="description"
        rows={5}
        maxLength={5000}
        defaultValue={values.description}
        error={errors.description}
        hint="What buyers get and what it is good for. Shown on the prompt page."
      />
      <div className="field-row">
        <SelectField
          label="Category"
          name="category"
          required
          placeholder="Choose a category"
          options={categories.map((c) => ({ value: c.slug, label: c.name }))}
          defaultValue={values.category}
          error={errors.category}
        />
        <SelectField
          label="Target model"
          name="targetModel"
          required
          placeholder="Choose a model"
          options={MODELS}
          defaultValue={values.targetModel}
          error={errors.targetModel}
        />
      </div>
      <TextField
        label="Tags"
        name="tags"
        maxLength={400}
        defaultValue={values.tags}
        error={errors.tags}
        hint="Up to 10, separated by commas (e.g. portrait, product photo)."
      />
      <fieldset
        className="price-choice"
        aria-describedby={errors.price ? `${id}-price-error` : undefined}
      >
        <legend>Price</legend>
        <div className="radio-row">
          <label className="check-field">
            <input
              type="radio"
              name="pricing"
              value="free"
              defaultChecked={values.pricing === 'free'}
              onChange={() => setPricing('free')}
            />
            Free
          </label>
          <label className="check-field">
            <input
              type="radio"
              name="pricing"
              value="paid"
              defaultChecked={values.pricing === 'paid'}
              onChange={() => setPricing('paid')}
            />
            Paid
          </label>
        </div>
        <div className="field price-field">
          <label htmlFor={`${id}-price`}>Price in US dollars</label>
          <div className="input-affix">
            <span aria-hidden="true">$</span>
            <input
              id={`${id}-price`}
              name="price"
              type="text"
              inputMode="decimal"
              placeholder="4.99"
              autoComplete="off"
              defaultValue={values.price}
              disabled={hydrated && pricing === 'free'}
              aria-invalid={errors.price ? true : undefined}
              aria-describedby={errors.price ? `${id}-price-error` : undefined}
            />
          </div>
          {errors.price ? (
            <p id={`${id}-price-error`} className="field-error">
              {errors.price}
            </p>
          ) : null}
        </div>
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </button>
    </Form>
  );
}
