using System;
using System.Collections.Generic;
using Xunit;

namespace EcrTools.Tests.Module
{
    public class EcrImageFilterTests
    {
        [Theory]
        [InlineData("tagStatus=TAGGED", "TAGGED", null)]
        [InlineData("tagstatus=untagged,IMAGESTATUS=any", "UNTAGGED", "ANY")]
        [InlineData(" tagStatus = ANY , imageStatus = ARCHIVED ", "ANY", "ARCHIVED")]
        public void ParsesTheCliShorthand(string shorthand, string? tagStatus, string? imageStatus)
        {
            var filter = EcrImageFilter.Parse(shorthand);
            Assert.Equal(tagStatus, filter.TagStatus);
            Assert.Equal(imageStatus, filter.ImageStatus);
        }

        [Theory]
        [InlineData("status=TAGGED", "Valid keys: tagStatus, imageStatus")]
        [InlineData("tagStatus=LABELLED", "Valid values: TAGGED, UNTAGGED, ANY")]
        [InlineData("imageStatus=GONE", "Valid values: ACTIVE, ARCHIVED, ACTIVATING, ANY")]
        [InlineData("TAGGED", "key=value")]
        public void RejectsUnknownKeysAndValuesListingTheValidOnes(string shorthand, string expected)
        {
            var problem = Assert.Throws<ArgumentException>(() => EcrImageFilter.Parse(shorthand));
            Assert.Contains(expected, problem.Message);
        }

        [Fact]
        public void ReadsKeyValuePairsCaseInsensitively()
        {
            var filter = EcrImageFilter.FromPairs(new[] { new KeyValuePair<string, object?>("TagStatus", "tagged") });
            Assert.Equal("TAGGED", filter.TagStatus);
            Assert.Equal("tagStatus=TAGGED", filter.ToString());
        }

        [Fact]
        public void AppliesAgreeingShortcutsAndRejectsContradictingOnes()
        {
            var filter = EcrImageFilter.Parse("tagStatus=TAGGED");
            Assert.Equal("ACTIVE", filter.With(null, "ACTIVE").ImageStatus);
            Assert.Equal("TAGGED", filter.With("TAGGED", null).TagStatus);
            Assert.Throws<ArgumentException>(() => filter.With("UNTAGGED", null));
        }

        [Fact]
        public void AnEmptyFilterSendsNoFilter()
        {
            Assert.Null(new EcrImageFilter().ToListImagesFilter());
            Assert.Null(new EcrImageFilter(string.Empty, null).ToDescribeImagesFilter());
        }
    }
}
