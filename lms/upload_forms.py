"""Wagtail's image and document forms with the platform's upload checks.

Set as WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE, so
every way Wagtail takes a file (the add and edit pages, the multiple uploader,
the choosers' upload tabs) passes through them. Wagtail's own field checks
(extension, size, pixel count, format against extension) run first; these add
the content checks of lms.uploads and, for images, the Pillow re-encoding.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from lms.uploads import image_reencode, validate_document_upload, validate_image_upload


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Editing a document without a new file leaves the stored one as it was.
        if isinstance(upload, UploadedFile):
            validate_document_upload(upload)
        return upload


class ImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_image_upload(upload)
            image_reencode(upload)
        return upload
