import { FormControl } from '@angular/forms';
import { Name } from '@shared/catalogue/names';
import { schemaValidator } from './schema-validator';

describe('schemaValidator', () => {
  const validate = schemaValidator(Name);

  it('accepts a value the schema accepts', () => {
    expect(validate(new FormControl('ada.lovelace'))).toBeNull();
  });

  it('reports the schema message for a value it refuses', () => {
    expect(validate(new FormControl('ada lovelace'))).toEqual({
      schema: jasmine.stringMatching(/^may contain only letters/),
    });
  });

  it('leaves an empty value to the required validator', () => {
    expect(validate(new FormControl(''))).toBeNull();
  });
});
