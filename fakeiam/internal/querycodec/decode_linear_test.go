package querycodec

import (
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// tagForm is CreateUser's form with n tags, as the SDK sends it.
func tagForm(n int) url.Values {
	form := url.Values{"Action": {"CreateUser"}, "Version": {"2010-05-08"}, "UserName": {"Bob"}}
	for i := 1; i <= n; i++ {
		k := "Tags.member." + strconv.Itoa(i)
		form[k+".Key"] = []string{"k" + strconv.Itoa(i)}
		form[k+".Value"] = []string{"v"}
	}
	return form
}

// TestDecodeIsLinear: decoding examines each parameter a bounded number of
// times, however many list elements the form has. (Scanning every
// parameter for each element made CreateUser with 4,000 tags cost 130 ms, and
// an unsigned request paid it before its 403.) The count is the decoder's
// own, so the test does not depend on the machine's speed.
func TestDecodeIsLinear(t *testing.T) {
	for _, n := range []int{10, 1000, 4000} {
		form := tagForm(n)
		var in iam.CreateUserInput
		d := decoder{form: form}
		if err := d.decode(schemaOf(reflect.TypeOf(&in)), reflect.ValueOf(&in).Elem()); err != nil {
			t.Fatal(err)
		}
		if len(in.Tags) != n {
			t.Fatalf("%d tags: decoded %d", n, len(in.Tags))
		}
		if limit := 8 * len(form); d.examined > limit {
			t.Errorf("%d tags (%d parameters): examined %d parameters, want at most %d", n, len(form), d.examined, limit)
		}
		t.Logf("%d tags (%d parameters): examined %d", n, len(form), d.examined)
	}
}

// BenchmarkDecodeTags reports the cost per tag of decoding CreateUser with
// 1,000 and 4,000 tags: the same at both sizes when decoding is linear.
func BenchmarkDecodeTags(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		form := tagForm(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := DecodeInput(form, &iam.CreateUserInput{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/tag")
		})
	}
}
