"""A mistyped national ID is told, in the person's language, what is wrong with
*a national ID*: the message names the thing, not only the fault."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from iran.validators import validate_national_id


def message(value, language):
    with translation.override(language):  # the messages are lazy: read them in the language
        with pytest.raises(ValidationError) as caught:
            validate_national_id(value)
        return caught.value.messages[0]


@pytest.mark.parametrize(
    ("value", "english", "persian"),
    [
        ("12345a7890", "A national ID may contain digits only.", "کد ملی فقط می‌تواند رقم داشته باشد."),
        (
            "123456789",
            "A national ID must have exactly 10 digits; this one has 9.",
            "کد ملی باید دقیقاً 10 رقم داشته باشد؛ این یکی 9 رقم دارد.",
        ),
        ("1111111111", "A national ID cannot be the same digit repeated.", "کد ملی نمی‌تواند تکرار یک رقم باشد."),
    ],
)
def test_the_message_names_a_national_id_in_each_language(value, english, persian):
    assert message(value, "en") == english
    assert message(value, "fa") == persian
