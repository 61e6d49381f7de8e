"""The v2 images and documents endpoints: Wagtail's, with privacy asked of the access policy."""

from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from api.errors import ErrorHandlingMixin
from api.pages import Pagination
from core.access import access_for
from core.sites import absolute_url


class PrivateCollectionsMixin(ErrorHandlingMixin):
    """Items in private collections appear only to readers who pass the collection's privacy."""

    pagination_class = Pagination

    def get_queryset(self):
        queryset = self.model.objects.all().order_by("id")
        return access_for(self.request).collection_items(queryset)


class AbsoluteImageDownloadUrlField(ImageDownloadUrlField):
    """The original file's address, absolute (Wagtail's is the stored path) like documents'."""

    def to_representation(self, image):
        return absolute_url(super().to_representation(image))


class ProjectImageSerializer(ImageSerializer):
    download_url = AbsoluteImageDownloadUrlField(read_only=True)


class ProjectImagesAPIViewSet(PrivateCollectionsMixin, ImagesAPIViewSet):
    base_serializer_class = ProjectImageSerializer


class ProjectDocumentsAPIViewSet(PrivateCollectionsMixin, DocumentsAPIViewSet):
    pass
